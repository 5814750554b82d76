//! The wasm module's memory allocator: power-of-two size classes, each with
//! a free list, carved from the end of linear memory.
//!
//! Why not the default (dlmalloc): it is about 5 KB of the module (2.3 KB of
//! what a page downloads), and its coalescing buys little here. The module's work is bursty: parse, render, drop it all,
//! repeat; freed blocks are reused by the next render of the same shape, so
//! memory stays flat over any number of renders (a browser test runs 10,000).
//! The cost is up to 2x slack per block, and memory, once grown, stays
//! (as with every wasm allocator: linear memory never shrinks).
//!
//! wasm32 without threads is single-threaded, which is what makes the
//! unsynchronised state below sound.

use std::alloc::{GlobalAlloc, Layout};
use std::arch::wasm32::{memory_grow, memory_size};
use std::cell::UnsafeCell;
use std::ptr::null_mut;

const PAGE: usize = 65536;

/// The end of linear memory (4 GiB of it does not fit in a `usize`).
fn heap_end() -> usize {
    memory_size(0).saturating_mul(PAGE)
}

/// Free lists by class (block size `1 << class`); each free block holds
/// the address of the next.
struct SizeClasses {
    free: UnsafeCell<[*mut u8; 32]>,
    /// Start of the never-used memory at the end of the heap (0: not yet set).
    top: UnsafeCell<usize>,
}

// SAFETY: wasm32-unknown-unknown runs this module on one thread.
unsafe impl Sync for SizeClasses {}

#[global_allocator]
static ALLOCATOR: SizeClasses = SizeClasses {
    free: UnsafeCell::new([null_mut(); 32]),
    top: UnsafeCell::new(0),
};

/// The class of blocks that fit `layout`: at least 8 bytes (room for the
/// free-list link) and at least its alignment. Blocks start at a multiple of
/// their size (of a page, for larger ones), so a block freed by one layout
/// is aligned enough for any other of its class.
fn class(layout: Layout) -> usize {
    let size = layout.size().max(layout.align()).max(8);
    size.checked_next_power_of_two()
        .map_or(32, |p| p.trailing_zeros() as usize)
}

unsafe impl GlobalAlloc for SizeClasses {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let class = class(layout);
        if class >= 32 || layout.align() > PAGE {
            return null_mut();
        }
        let free = &mut *self.free.get();
        let block = free[class];
        if !block.is_null() {
            free[class] = *(block as *mut *mut u8);
            return block;
        }
        let size = 1usize << class;
        let top = &mut *self.top.get();
        if *top == 0 {
            *top = heap_end();
        }
        let align = size.min(PAGE);
        let Some((start, end)) = top
            .checked_add(align - 1)
            .map(|t| t & !(align - 1))
            .and_then(|start| Some((start, start.checked_add(size)?)))
        else {
            return null_mut();
        };
        let available = heap_end();
        if end > available {
            let needed = (end - available).div_ceil(PAGE);
            // Grow by an eighth of the memory at least (1 MB at first): each
            // `memory.grow` costs the engine far more than a page's worth of
            // work, and growing a page at a time made a 1 MB digest with a
            // point every few bytes spend seconds in it.
            let step = needed.max(memory_size(0) / 8).max(16);
            if memory_grow(0, step) == usize::MAX && memory_grow(0, needed) == usize::MAX {
                return null_mut();
            }
        }
        *top = end;
        start as *mut u8
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        let free = &mut *self.free.get();
        let class = class(layout);
        *(block as *mut *mut u8) = free[class];
        free[class] = block;
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        if class(new_layout) == class(layout) {
            return block;
        }
        let new_block = self.alloc(new_layout);
        if !new_block.is_null() {
            std::ptr::copy_nonoverlapping(block, new_block, layout.size().min(new_size));
            self.dealloc(block, layout);
        }
        new_block
    }
}
