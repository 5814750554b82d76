//! The digest in a live page: the markup from [`super::html`], and the
//! citation tooltips' behaviour.
//!
//! Rules (WCAG 2.2 SC 1.4.13, content on hover or focus):
//!
//! - a tooltip opens on hover after a short intent delay, at once on
//!   keyboard focus, and on tap on touch screens (tap again, or anywhere
//!   else, closes it);
//! - the pointer can move from the trigger into the tooltip (hoverable);
//!   Escape closes it (dismissible); it stays until the pointer or focus
//!   leaves, or it is dismissed (persistent);
//! - one tooltip is open at a time, across every digest on the page;
//! - it stays inside the viewport: below the trigger, or above when there is
//!   no room below, shifted sideways near the edges. It is `position: fixed`
//!   so opening it shifts no layout.
//!
//! While open, the tooltip element is moved right after its trigger, so Tab
//! from the trigger reaches the links inside it; it goes back when closed.
//! All listeners are delegated to the container (plus a few on the
//! document), so re-rendering needs no re-binding and `destroy` removes
//! everything. One closure per view receives every event, timer and
//! animation frame: each closure costs the wasm module its own glue, and
//! thirteen of them were a fifth of the behaviour's size.

use super::RenderOptions;
use crate::{parse_with_references, Digest};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget, HtmlElement};

/// Hover intent: the pointer must rest this long on a trigger.
const OPEN_DELAY_MS: i32 = 150;
/// Grace period to move the pointer from trigger to tooltip.
const CLOSE_DELAY_MS: i32 = 300;
const HIGHLIGHT_MS: i32 = 2000;
/// Distance from the viewport's edges and from the trigger.
const MARGIN: f64 = 8.0;
const GAP: f64 = 8.0;

/// How a tooltip was opened: hover closes when the pointer leaves; the
/// others stay until dismissed or focus moves on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Via {
    Hover,
    Focus,
    Tap,
    Click,
}

struct Open {
    owner: u32,
    trigger: HtmlElement,
    tooltip: HtmlElement,
    /// Where the tooltip lives while closed.
    home: Option<web_sys::Node>,
    via: Via,
}

thread_local! {
    /// The one open tooltip on the page.
    static OPEN: RefCell<Option<Open>> = const { RefCell::new(None) };
    static NEXT_OWNER: Cell<u32> = const { Cell::new(1) };
    /// Set while focus goes back to a trigger after Escape, so that focus
    /// does not open the tooltip that was just dismissed.
    static RESTORING_FOCUS: Cell<bool> = const { Cell::new(false) };
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The view's timers. The callback receives the timer's number (negative)
/// as its argument, and an animation frame its timestamp (never negative).
#[derive(Clone, Copy)]
enum Timer {
    Open = 0,
    Close = 1,
    Unhighlight = 2,
}

impl Timer {
    fn argument(self) -> f64 {
        -1.0 - self as i32 as f64
    }
}

/// A rendered digest: its text, options, and behaviour. Dropping it removes
/// the behaviour (listeners, timers, an open tooltip).
pub struct View {
    state: Rc<State>,
    callback: Closure<dyn Fn(JsValue)>,
    /// Where the callback listens: target, event type, capture.
    listening: Vec<(EventTarget, &'static str, bool)>,
}

/// Everything one view's callback works with.
struct State {
    owner: u32,
    root: Element,
    options: RenderOptions,
    text: RefCell<String>,
    /// The view's callback as a JavaScript function, for timers.
    callback: RefCell<Option<js_sys::Function>>,
    /// Animation frame scheduled to render appended text.
    frame: Cell<Option<i32>>,
    timers: [Cell<Option<i32>>; 3],
    /// Trigger waiting for the hover delay.
    pending: RefCell<Option<HtmlElement>>,
    highlighted: RefCell<Option<Element>>,
    /// The last pointer down came from a touch screen: taps behave
    /// differently.
    touch: Cell<bool>,
    /// Whether the trigger under the last pointer down was open already: a
    /// tap also focuses the trigger (which opens it), so the click that
    /// follows must know how things stood before the tap.
    pressed_open: Cell<bool>,
}

impl View {
    /// Renders `digest` into `container`; `text` (when the digest came from
    /// text) is kept for `append`.
    pub fn render(
        container: Element,
        digest: &Digest,
        options: RenderOptions,
        text: Option<String>,
    ) -> View {
        container.set_inner_html(&super::html::render(digest, &options));
        Self::attach(container, options, text.unwrap_or_default())
    }

    /// Attaches behaviour to markup already in `container`.
    pub fn hydrate(container: Element, options: RenderOptions) -> View {
        Self::attach(container, options, String::new())
    }

    fn attach(root: Element, options: RenderOptions, text: String) -> View {
        let owner = NEXT_OWNER.with(|n| {
            let id = n.get();
            n.set(id.wrapping_add(1));
            id
        });
        let state = Rc::new(State {
            owner,
            root,
            options,
            text: RefCell::new(text),
            callback: RefCell::new(None),
            frame: Cell::new(None),
            timers: Default::default(),
            pending: RefCell::new(None),
            highlighted: RefCell::new(None),
            touch: Cell::new(false),
            pressed_open: Cell::new(false),
        });
        // `Fn`, not `FnMut`: the callback re-enters itself (moving focus
        // back to a trigger on Escape fires `focusin` at once), which
        // wasm-bindgen refuses for `FnMut` closures. State is in cells, and
        // no borrow is held across a call out to the page.
        let s = state.clone();
        let callback =
            Closure::<dyn Fn(JsValue)>::new(move |value: JsValue| match value.as_f64() {
                Some(n) if n >= 0.0 => s.frame_due(),
                Some(n) => s.timer_due(n),
                None => s.event(value.unchecked_ref()),
            });
        let function: &js_sys::Function = callback.as_ref().unchecked_ref();
        *state.callback.borrow_mut() = Some(function.clone());

        let mut listening: Vec<(EventTarget, &'static str, bool)> = Vec::with_capacity(9);
        let root: &EventTarget = state.root.as_ref();
        for kind in ["pointerover", "pointerout", "focusin", "focusout", "click"] {
            listening.push((root.clone(), kind, false));
        }
        if let Some(w) = window() {
            if let Some(document) = w.document() {
                let doc: EventTarget = document.into();
                // A pointer down anywhere else closes; it also tells taps
                // from clicks. Scrolls anywhere (capture: scrolled
                // containers too) move the open tooltip along.
                listening.push((doc.clone(), "pointerdown", true));
                listening.push((doc.clone(), "keydown", false));
                listening.push((doc, "scroll", true));
            }
            listening.push((w.into(), "resize", false));
        }
        for (target, kind, capture) in &listening {
            let _ = target.add_event_listener_with_callback_and_bool(kind, function, *capture);
        }
        View {
            state,
            callback,
            listening,
        }
    }

    pub fn set_text(&mut self, text: String) {
        self.state.cancel_frame();
        *self.state.text.borrow_mut() = text;
        self.state.render();
    }

    pub fn append(&mut self, chunk: &str) {
        let s = &self.state;
        s.text.borrow_mut().push_str(chunk);
        if s.frame.get().is_none() {
            let id = window().and_then(|w| {
                w.request_animation_frame(self.callback.as_ref().unchecked_ref())
                    .ok()
            });
            match id {
                Some(id) => s.frame.set(Some(id)),
                None => s.render(),
            }
        }
    }

    pub fn flush(&mut self) {
        self.state.cancel_frame();
        self.state.render();
    }

    /// Removes listeners, timers and an open tooltip; the markup stays.
    pub fn destroy(self) {}
}

impl Drop for View {
    fn drop(&mut self) {
        let s = &self.state;
        s.cancel_frame();
        for timer in &s.timers {
            clear_timer(timer);
        }
        close(Some(s.owner), false);
        let function: &js_sys::Function = self.callback.as_ref().unchecked_ref();
        for (target, kind, capture) in &self.listening {
            let _ = target.remove_event_listener_with_callback_and_bool(kind, function, *capture);
        }
        s.callback.borrow_mut().take();
    }
}

fn clear_timer(timer: &Cell<Option<i32>>) {
    if let (Some(id), Some(w)) = (timer.take(), window()) {
        w.clear_timeout_with_handle(id);
    }
}

impl State {
    fn render(&self) {
        close(Some(self.owner), false);
        let digest = parse_with_references(&self.text.borrow(), &self.options.references);
        self.root
            .set_inner_html(&super::html::render(&digest, &self.options));
    }

    fn cancel_frame(&self) {
        if let (Some(id), Some(w)) = (self.frame.take(), window()) {
            let _ = w.cancel_animation_frame(id);
        }
    }

    fn frame_due(&self) {
        self.frame.set(None);
        self.render();
    }

    fn set_timer(&self, timer: Timer, ms: i32) {
        let slot = &self.timers[timer as usize];
        clear_timer(slot);
        if let (Some(w), Some(f)) = (window(), self.callback.borrow().as_ref()) {
            let id = w.set_timeout_with_callback_and_timeout_and_arguments_1(
                f,
                ms,
                &JsValue::from_f64(timer.argument()),
            );
            slot.set(id.ok());
        }
    }

    fn clear(&self, timer: Timer) {
        clear_timer(&self.timers[timer as usize]);
    }

    fn timer_due(&self, argument: f64) {
        if argument == Timer::Open.argument() {
            self.timers[Timer::Open as usize].set(None);
            let pending = self.pending.borrow_mut().take();
            if let Some(trigger) = pending {
                if trigger.is_connected() {
                    open(self.owner, &trigger, Via::Hover);
                }
            }
        } else if argument == Timer::Close.argument() {
            self.timers[Timer::Close as usize].set(None);
            if open_via(self.owner) == Some(Via::Hover) {
                close(Some(self.owner), false);
            }
        } else {
            self.timers[Timer::Unhighlight as usize].set(None);
            let highlighted = self.highlighted.borrow_mut().take();
            if let Some(point) = highlighted {
                set_class(&point, "digest-point-highlight", false);
            }
        }
    }

    fn event(&self, ev: &Event) {
        let kind = ev.type_();
        match kind.as_str() {
            "scroll" | "resize" => return reposition(self.owner),
            "pointerdown" => self.touch.set(is_touch(ev)),
            "keydown" => {
                let escape = ev
                    .dyn_ref::<web_sys::KeyboardEvent>()
                    .is_some_and(|k| k.key() == "Escape");
                if escape && open_owner() == Some(self.owner) {
                    close(Some(self.owner), true);
                }
                return;
            }
            _ => {}
        }
        let Some(target) = event_element(ev) else {
            return;
        };
        let owner = self.owner;
        match kind.as_str() {
            // Hover: open after the intent delay; leave with a grace period.
            "pointerover" if !is_touch(ev) => {
                if within_open(owner, &target) {
                    self.clear(Timer::Close);
                } else if let Some(trigger) = self.trigger_of(&target) {
                    self.clear(Timer::Close);
                    *self.pending.borrow_mut() = Some(trigger);
                    self.set_timer(Timer::Open, OPEN_DELAY_MS);
                }
            }
            "pointerout" if !is_touch(ev) => {
                let leaving_trigger = self.trigger_of(&target);
                if leaving_trigger.is_none() && !within_open(owner, &target) {
                    return;
                }
                let related = ev
                    .dyn_ref::<web_sys::MouseEvent>()
                    .and_then(|m| m.related_target())
                    .and_then(|t| t.dyn_into::<Element>().ok());
                if let Some(related) = &related {
                    let same = leaving_trigger
                        .as_ref()
                        .is_some_and(|t| t.contains(Some(related)));
                    if same || within_open(owner, related) {
                        return;
                    }
                }
                self.clear(Timer::Open);
                self.pending.borrow_mut().take();
                if open_via(owner) == Some(Via::Hover) {
                    self.set_timer(Timer::Close, CLOSE_DELAY_MS);
                }
            }
            // Keyboard focus opens at once; focus leaving both closes.
            "focusin" => {
                if within_open(owner, &target) {
                    self.clear(Timer::Close);
                } else if let Some(trigger) = self.trigger_of(&target) {
                    self.clear(Timer::Open);
                    self.clear(Timer::Close);
                    if !RESTORING_FOCUS.with(Cell::get) {
                        open(owner, &trigger, Via::Focus);
                    }
                }
            }
            "focusout" => {
                if !within_open(owner, &target) {
                    return;
                }
                let related = ev
                    .dyn_ref::<web_sys::FocusEvent>()
                    .and_then(|f| f.related_target())
                    .and_then(|t| t.dyn_into::<Element>().ok());
                if related.as_ref().is_some_and(|r| within_open(owner, r)) {
                    return;
                }
                if open_via(owner) != Some(Via::Hover) {
                    close(Some(owner), false);
                }
            }
            // Taps toggle; clicks on a button trigger pin it; "Also cited in"
            // links scroll to and highlight their point.
            "click" => {
                if let Some(link) = closest(&target, "a.digest-tooltip-point") {
                    ev.prevent_default();
                    close(Some(owner), false);
                    self.highlight_point(&link);
                    return;
                }
                let Some(trigger) = self.trigger_of(&target) else {
                    return;
                };
                if self.touch.get() {
                    ev.prevent_default();
                    if self.pressed_open.get() {
                        close(Some(owner), false);
                    } else {
                        open(owner, &trigger, Via::Tap);
                    }
                } else if trigger.tag_name().eq_ignore_ascii_case("button") {
                    if open_trigger_is(owner, &trigger) && open_via(owner) == Some(Via::Click) {
                        close(Some(owner), false);
                    } else {
                        open(owner, &trigger, Via::Click);
                    }
                } else {
                    // A link trigger: the browser goes to the reference.
                    close(Some(owner), false);
                }
            }
            "pointerdown" => {
                let pressed = self.trigger_of(&target);
                self.pressed_open
                    .set(pressed.is_some_and(|t| open_trigger_is(owner, &t)));
                if open_owner() == Some(owner) && !within_open(owner, &target) {
                    close(Some(owner), false);
                }
            }
            _ => {}
        }
    }

    fn trigger_of(&self, target: &Element) -> Option<HtmlElement> {
        let trigger = closest(target, ".digest-cite")?;
        if !self.root.contains(Some(&trigger)) {
            return None;
        }
        trigger.dyn_into::<HtmlElement>().ok()
    }

    fn highlight_point(&self, link: &Element) {
        let Some(id) = link
            .get_attribute("href")
            .and_then(|h| h.strip_prefix('#').map(String::from))
        else {
            return;
        };
        let Some(point) = in_same_digest(link, &id) else {
            return;
        };
        let previous = self.highlighted.borrow_mut().take();
        if let Some(previous) = previous {
            set_class(&previous, "digest-point-highlight", false);
        }
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        options.set_behavior(if reduced_motion() {
            web_sys::ScrollBehavior::Instant
        } else {
            web_sys::ScrollBehavior::Smooth
        });
        point.scroll_into_view_with_scroll_into_view_options(&options);
        set_class(&point, "digest-point-highlight", true);
        // Focusable by script only, so screen readers land on the point too.
        if !point.has_attribute("tabindex") {
            let _ = point.set_attribute("tabindex", "-1");
        }
        let focus = web_sys::FocusOptions::new();
        focus.set_prevent_scroll(true);
        let _ = point.focus_with_options(&focus);
        *self.highlighted.borrow_mut() = Some(point.into());
        self.set_timer(Timer::Unhighlight, HIGHLIGHT_MS);
    }
}

fn is_touch(ev: &Event) -> bool {
    ev.dyn_ref::<web_sys::PointerEvent>()
        .is_some_and(|p| p.pointer_type() == "touch")
}

/// The element the event happened on, looking through shadow roots.
fn event_element(ev: &Event) -> Option<Element> {
    let path = ev.composed_path();
    path.get(0)
        .dyn_into::<Element>()
        .ok()
        .or_else(|| ev.target().and_then(|t| t.dyn_into::<Element>().ok()))
        .or_else(|| {
            // Text nodes: their parent element.
            ev.target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .and_then(|n| n.parent_element())
        })
}

fn closest(element: &Element, selector: &str) -> Option<Element> {
    element.closest(selector).ok().flatten()
}

fn open_owner() -> Option<u32> {
    OPEN.with(|o| o.borrow().as_ref().map(|o| o.owner))
}

fn open_via(owner: u32) -> Option<Via> {
    OPEN.with(|o| {
        o.borrow()
            .as_ref()
            .filter(|o| o.owner == owner)
            .map(|o| o.via)
    })
}

fn open_trigger_is(owner: u32, trigger: &HtmlElement) -> bool {
    OPEN.with(|o| {
        o.borrow()
            .as_ref()
            .is_some_and(|o| o.owner == owner && o.trigger == *trigger)
    })
}

/// Whether `element` is inside the open trigger or tooltip of `owner`.
fn within_open(owner: u32, element: &Element) -> bool {
    OPEN.with(|o| {
        o.borrow().as_ref().is_some_and(|o| {
            o.owner == owner
                && (o.trigger.contains(Some(element)) || o.tooltip.contains(Some(element)))
        })
    })
}

/// Ids we write are `[A-Za-z0-9_-]`; anything else came from foreign markup
/// and is not looked up (it could not be a selector safely).
fn safe_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The element with `id` in the digest `from` is part of (ids are only
/// unique per digest when several share a page).
fn in_same_digest(from: &Element, id: &str) -> Option<HtmlElement> {
    if !safe_id(id) {
        return None;
    }
    let article = closest(from, "article.digest")?;
    let found = article.query_selector(&["#", id].concat()).ok()??;
    found.dyn_into::<HtmlElement>().ok()
}

fn open(owner: u32, trigger: &HtmlElement, via: Via) {
    if open_trigger_is(owner, trigger) {
        // Already open: a stronger reason keeps it open longer.
        OPEN.with(|o| {
            if let Some(o) = o.borrow_mut().as_mut() {
                if o.via == Via::Hover || via == Via::Click || via == Via::Tap {
                    o.via = via;
                }
            }
        });
        return;
    }
    let Some(id) = trigger.get_attribute("aria-describedby") else {
        return;
    };
    let Some(tooltip) = in_same_digest(trigger, &id) else {
        return;
    };
    close(None, false);

    // "Also cited in": every point but this one.
    let here = closest(trigger, ".digest-point").map(|p| p.id());
    let mut shown = 0;
    if let Ok(items) = tooltip.query_selector_all("li[data-point]") {
        for i in 0..items.length() {
            if let Some(li) = items.get(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
                let hide = here.is_some() && li.get_attribute("data-point") == here;
                li.set_hidden(hide);
                shown += usize::from(!hide);
            }
        }
    }
    if let Ok(Some(also)) = tooltip.query_selector(".digest-tooltip-also") {
        if let Ok(also) = also.dyn_into::<HtmlElement>() {
            also.set_hidden(shown == 0);
        }
    }

    let home = tooltip.parent_node();
    let _ = trigger.after_with_node_1(&tooltip);
    tooltip.set_hidden(false);
    set_class(&tooltip, "digest-tooltip-open", true);
    place(trigger, &tooltip);
    OPEN.with(|o| {
        *o.borrow_mut() = Some(Open {
            owner,
            trigger: trigger.clone(),
            tooltip,
            home,
            via,
        })
    });
}

/// Closes the open tooltip (only if `owner` opened it, when given).
fn close(owner: Option<u32>, restore_focus: bool) {
    let taken = OPEN.with(|o| {
        let mut o = o.borrow_mut();
        match (o.as_ref(), owner) {
            (Some(open), Some(owner)) if open.owner != owner => None,
            _ => o.take(),
        }
    });
    let Some(open) = taken else { return };
    let had_focus = active_element(&open.tooltip).is_some_and(|a| open.tooltip.contains(Some(&a)));
    open.tooltip.set_hidden(true);
    set_class(&open.tooltip, "digest-tooltip-open", false);
    if let Some(home) = &open.home {
        if home.is_connected() {
            let _ = home.append_child(&open.tooltip);
        }
    }
    if restore_focus && had_focus {
        RESTORING_FOCUS.with(|r| r.set(true));
        let _ = open.trigger.focus();
        RESTORING_FOCUS.with(|r| r.set(false));
    }
}

/// The focused element in `node`'s document or shadow root: inside a
/// shadow root, `document.activeElement` is only the host.
fn active_element(node: &web_sys::Node) -> Option<Element> {
    let root = node.get_root_node();
    js_sys::Reflect::get(&root, &JsValue::from_str("activeElement"))
        .ok()?
        .dyn_into::<Element>()
        .ok()
}

fn reposition(owner: u32) {
    let target = OPEN.with(|o| {
        o.borrow()
            .as_ref()
            .filter(|o| o.owner == owner)
            .map(|o| (o.trigger.clone(), o.tooltip.clone()))
    });
    if let Some((trigger, tooltip)) = target {
        if trigger.is_connected() {
            place(&trigger, &tooltip);
        } else {
            close(Some(owner), false);
        }
    }
}

/// Appends `name:Npx;` (positions are never negative here: clamped to the
/// margins).
fn push_px(out: &mut String, name: &str, v: f64) {
    out.push_str(name);
    out.push(':');
    super::html::push_decimal(out, v.round().max(0.0) as u64);
    out.push_str("px;");
}

/// Puts the tooltip below the trigger, or above when it fits there and not
/// below, then shifts it sideways to stay `MARGIN` inside the viewport.
fn place(trigger: &HtmlElement, tooltip: &HtmlElement) {
    let Some(doc) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let (vw, vh) = (
        f64::from(doc.client_width()),
        f64::from(doc.client_height()),
    );
    // The whole style attribute at once: it is ours (the markup has none),
    // and one attribute call costs the module less than the style API.
    let _ = tooltip.set_attribute("style", "left:0px;top:0px");
    let (w, h) = (
        f64::from(tooltip.offset_width()),
        f64::from(tooltip.offset_height()),
    );
    let r = trigger.get_bounding_client_rect();

    let below = r.bottom() + GAP;
    let above = r.top() - GAP - h;
    let fits_below = below + h <= vh - MARGIN;
    let fits_above = above >= MARGIN;
    let on_top = !fits_below && (fits_above || r.top() > vh - r.bottom());
    let top = if on_top { above } else { below };
    let top = top.min(vh - MARGIN - h).max(MARGIN);

    let center = r.left() + r.width() / 2.0;
    let left = (center - w / 2.0).min(vw - MARGIN - w).max(MARGIN);

    let mut style = String::with_capacity(64);
    push_px(&mut style, "left", left);
    push_px(&mut style, "top", top);
    let arrow = (center - left).clamp(12.0, (w - 12.0).max(12.0));
    push_px(&mut style, "--digest-arrow-x", arrow);
    let _ = tooltip.set_attribute("style", &style);
    let _ = tooltip.set_attribute("data-placement", if on_top { "top" } else { "bottom" });
}

fn set_class(element: &Element, class: &str, on: bool) {
    let _ = element.class_list().toggle_with_force(class, on);
}

fn reduced_motion() -> bool {
    window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}
