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
//! everything.

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

/// A rendered digest: its text, options, and behaviour.
pub struct View {
    inner: Rc<RefCell<Inner>>,
    frame: Closure<dyn FnMut()>,
    behaviour: Behaviour,
}

struct Inner {
    container: Element,
    options: RenderOptions,
    text: String,
    /// An animation frame is scheduled to render appended text.
    frame_pending: Option<i32>,
    owner: u32,
}

impl Inner {
    fn render(&mut self) {
        close(Some(self.owner), false);
        let digest = parse_with_references(&self.text, &self.options.references);
        self.container
            .set_inner_html(&super::html::render(&digest, &self.options));
    }
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

    fn attach(container: Element, options: RenderOptions, text: String) -> View {
        let behaviour = Behaviour::attach(&container);
        let inner = Rc::new(RefCell::new(Inner {
            container,
            options,
            text,
            frame_pending: None,
            owner: behaviour.state.owner,
        }));
        let weak = Rc::downgrade(&inner);
        let frame = Closure::<dyn FnMut()>::new(move || {
            if let Some(inner) = weak.upgrade() {
                let mut inner = inner.borrow_mut();
                inner.frame_pending = None;
                inner.render();
            }
        });
        View {
            inner,
            frame,
            behaviour,
        }
    }

    pub fn set_text(&mut self, text: String) {
        let mut inner = self.inner.borrow_mut();
        cancel_frame(&mut inner);
        inner.text = text;
        inner.render();
    }

    pub fn append(&mut self, chunk: &str) {
        let mut inner = self.inner.borrow_mut();
        inner.text.push_str(chunk);
        if inner.frame_pending.is_none() {
            let id = window().and_then(|w| {
                w.request_animation_frame(self.frame.as_ref().unchecked_ref())
                    .ok()
            });
            match id {
                Some(id) => inner.frame_pending = Some(id),
                None => inner.render(),
            }
        }
    }

    pub fn flush(&mut self) {
        let mut inner = self.inner.borrow_mut();
        cancel_frame(&mut inner);
        inner.render();
    }

    pub fn destroy(self) {
        let mut inner = self.inner.borrow_mut();
        cancel_frame(&mut inner);
        close(Some(inner.owner), false);
        drop(inner);
        drop(self.behaviour);
    }
}

fn cancel_frame(inner: &mut Inner) {
    if let (Some(id), Some(w)) = (inner.frame_pending.take(), window()) {
        let _ = w.cancel_animation_frame(id);
    }
}

/// State shared by one view's listeners.
struct State {
    owner: u32,
    root: Element,
    /// Trigger waiting for the hover delay.
    pending: RefCell<Option<HtmlElement>>,
    open_timer: Cell<Option<i32>>,
    close_timer: Cell<Option<i32>>,
    highlight_timer: Cell<Option<i32>>,
    highlighted: RefCell<Option<Element>>,
    /// `pointerType` of the last pointer down: taps behave differently.
    last_pointer: RefCell<String>,
    /// Whether the trigger under the last pointer down was open already: a
    /// tap also focuses the trigger (which opens it), so the click that
    /// follows must know how things stood before the tap.
    pressed_open: Cell<bool>,
}

/// Event listeners and timers of one view; dropping it removes them.
pub struct Behaviour {
    state: Rc<State>,
    listeners: Vec<Listener>,
    _timers: [Closure<dyn FnMut()>; 3],
}

struct Listener {
    target: EventTarget,
    kind: &'static str,
    capture: bool,
    closure: Closure<dyn FnMut(Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback_and_bool(
            self.kind,
            self.closure.as_ref().unchecked_ref(),
            self.capture,
        );
    }
}

fn listen(
    target: &EventTarget,
    kind: &'static str,
    capture: bool,
    f: impl FnMut(Event) + 'static,
) -> Listener {
    let closure = Closure::<dyn FnMut(Event)>::new(f);
    let options = web_sys::AddEventListenerOptions::new();
    options.set_capture(capture);
    options.set_passive(matches!(kind, "scroll" | "pointerover" | "pointerout"));
    let _ = target.add_event_listener_with_callback_and_add_event_listener_options(
        kind,
        closure.as_ref().unchecked_ref(),
        &options,
    );
    Listener {
        target: target.clone(),
        kind,
        capture,
        closure,
    }
}

impl Drop for Behaviour {
    fn drop(&mut self) {
        let s = &self.state;
        for timer in [&s.open_timer, &s.close_timer, &s.highlight_timer] {
            clear_timer(timer);
        }
        close(Some(s.owner), false);
        self.listeners.clear();
    }
}

fn clear_timer(timer: &Cell<Option<i32>>) {
    if let (Some(id), Some(w)) = (timer.take(), window()) {
        w.clear_timeout_with_handle(id);
    }
}

fn set_timer(timer: &Cell<Option<i32>>, callback: &js_sys::Function, ms: i32) {
    clear_timer(timer);
    if let Some(w) = window() {
        timer.set(
            w.set_timeout_with_callback_and_timeout_and_arguments_0(callback, ms)
                .ok(),
        );
    }
}

impl Behaviour {
    pub fn attach(root: &Element) -> Behaviour {
        let owner = NEXT_OWNER.with(|n| {
            let id = n.get();
            n.set(id.wrapping_add(1));
            id
        });
        let state = Rc::new(State {
            owner,
            root: root.clone(),
            pending: RefCell::new(None),
            open_timer: Cell::new(None),
            close_timer: Cell::new(None),
            highlight_timer: Cell::new(None),
            highlighted: RefCell::new(None),
            last_pointer: RefCell::new(String::new()),
            pressed_open: Cell::new(false),
        });

        let s = state.clone();
        let open_later = Closure::<dyn FnMut()>::new(move || {
            s.open_timer.set(None);
            if let Some(trigger) = s.pending.borrow_mut().take() {
                if trigger.is_connected() {
                    open(s.owner, &trigger, Via::Hover);
                }
            }
        });
        let s = state.clone();
        let close_later = Closure::<dyn FnMut()>::new(move || {
            s.close_timer.set(None);
            if open_via(s.owner) == Some(Via::Hover) {
                close(Some(s.owner), false);
            }
        });
        let s = state.clone();
        let unhighlight = Closure::<dyn FnMut()>::new(move || {
            s.highlight_timer.set(None);
            if let Some(point) = s.highlighted.borrow_mut().take() {
                let _ = point.class_list().remove_1("digest-point-highlight");
            }
        });
        let open_fn: js_sys::Function = open_later
            .as_ref()
            .unchecked_ref::<js_sys::Function>()
            .clone();
        let close_fn: js_sys::Function = close_later
            .as_ref()
            .unchecked_ref::<js_sys::Function>()
            .clone();
        let unhighlight_fn: js_sys::Function = unhighlight
            .as_ref()
            .unchecked_ref::<js_sys::Function>()
            .clone();

        let mut listeners = Vec::with_capacity(9);
        let root_target: &EventTarget = root.unchecked_ref();

        // Hover: open after the intent delay; leave with a grace period.
        let s = state.clone();
        let close_fn2 = close_fn.clone();
        listeners.push(listen(root_target, "pointerover", false, move |ev| {
            if is_touch(&ev) {
                return;
            }
            let Some(target) = event_element(&ev) else {
                return;
            };
            if within_open(s.owner, &target) {
                clear_timer(&s.close_timer);
                return;
            }
            if let Some(trigger) = trigger_of(&target, &s.root) {
                clear_timer(&s.close_timer);
                *s.pending.borrow_mut() = Some(trigger);
                set_timer(&s.open_timer, &open_fn, OPEN_DELAY_MS);
            }
        }));
        let s = state.clone();
        listeners.push(listen(root_target, "pointerout", false, move |ev| {
            if is_touch(&ev) {
                return;
            }
            let Some(target) = event_element(&ev) else {
                return;
            };
            let related = ev
                .dyn_ref::<web_sys::MouseEvent>()
                .and_then(|m| m.related_target())
                .and_then(|t| t.dyn_into::<Element>().ok());
            let leaving_trigger = trigger_of(&target, &s.root);
            if leaving_trigger.is_none() && !within_open(s.owner, &target) {
                return;
            }
            if let Some(related) = &related {
                let same = leaving_trigger
                    .as_ref()
                    .is_some_and(|t| t.contains(Some(related)));
                if same || within_open(s.owner, related) {
                    return;
                }
            }
            clear_timer(&s.open_timer);
            s.pending.borrow_mut().take();
            if open_via(s.owner) == Some(Via::Hover) {
                set_timer(&s.close_timer, &close_fn2, CLOSE_DELAY_MS);
            }
        }));

        // Keyboard focus opens at once; focus leaving both closes.
        let s = state.clone();
        listeners.push(listen(root_target, "focusin", false, move |ev| {
            let Some(target) = event_element(&ev) else {
                return;
            };
            if within_open(s.owner, &target) {
                clear_timer(&s.close_timer);
                return;
            }
            if let Some(trigger) = trigger_of(&target, &s.root) {
                clear_timer(&s.open_timer);
                clear_timer(&s.close_timer);
                if !RESTORING_FOCUS.with(Cell::get) {
                    open(s.owner, &trigger, Via::Focus);
                }
            }
        }));
        let s = state.clone();
        listeners.push(listen(root_target, "focusout", false, move |ev| {
            let Some(target) = event_element(&ev) else {
                return;
            };
            if !within_open(s.owner, &target) {
                return;
            }
            let related = ev
                .dyn_ref::<web_sys::FocusEvent>()
                .and_then(|f| f.related_target())
                .and_then(|t| t.dyn_into::<Element>().ok());
            if related.as_ref().is_some_and(|r| within_open(s.owner, r)) {
                return;
            }
            if open_via(s.owner) != Some(Via::Hover) {
                close(Some(s.owner), false);
            }
        }));

        // Taps toggle; clicks on a button trigger pin it; "Also cited in"
        // links scroll to and highlight their point.
        let s = state.clone();
        listeners.push(listen(root_target, "click", false, move |ev| {
            let Some(target) = event_element(&ev) else {
                return;
            };
            if let Some(link) = closest(&target, "a.digest-tooltip-point") {
                ev.prevent_default();
                close(Some(s.owner), false);
                highlight_point(&s, &link, &unhighlight_fn);
                return;
            }
            let Some(trigger) = trigger_of(&target, &s.root) else {
                return;
            };
            let touch = s.last_pointer.borrow().as_str() == "touch";
            let is_open = open_trigger_is(s.owner, &trigger);
            if touch {
                ev.prevent_default();
                if s.pressed_open.get() {
                    close(Some(s.owner), false);
                } else {
                    open(s.owner, &trigger, Via::Tap);
                }
            } else if trigger.tag_name().eq_ignore_ascii_case("button") {
                if is_open && open_via(s.owner) == Some(Via::Click) {
                    close(Some(s.owner), false);
                } else {
                    open(s.owner, &trigger, Via::Click);
                }
            } else {
                // A link trigger: the browser goes to the reference.
                close(Some(s.owner), false);
            }
        }));

        if let Some(document) = window().and_then(|w| w.document()) {
            let doc: &EventTarget = document.unchecked_ref();
            // A pointer down anywhere else closes; it also tells taps from clicks.
            let s = state.clone();
            listeners.push(listen(doc, "pointerdown", true, move |ev| {
                if let Some(p) = ev.dyn_ref::<web_sys::PointerEvent>() {
                    *s.last_pointer.borrow_mut() = p.pointer_type();
                }
                let Some(target) = event_element(&ev) else {
                    return;
                };
                let pressed = trigger_of(&target, &s.root);
                s.pressed_open
                    .set(pressed.is_some_and(|t| open_trigger_is(s.owner, &t)));
                if open_owner() == Some(s.owner) && !within_open(s.owner, &target) {
                    close(Some(s.owner), false);
                }
            }));
            let s = state.clone();
            listeners.push(listen(doc, "keydown", false, move |ev| {
                let escape = ev
                    .dyn_ref::<web_sys::KeyboardEvent>()
                    .is_some_and(|k| k.key() == "Escape");
                if escape && open_owner() == Some(s.owner) {
                    close(Some(s.owner), true);
                }
            }));
            // Follow the trigger when anything scrolls (capture: scrolled
            // containers too) or the viewport changes size.
            let s = state.clone();
            listeners.push(listen(doc, "scroll", true, move |_| reposition(s.owner)));
            if let Some(w) = window() {
                let s = state.clone();
                listeners.push(listen(w.unchecked_ref(), "resize", false, move |_| {
                    reposition(s.owner)
                }));
            }
        }

        Behaviour {
            state,
            listeners,
            _timers: [open_later, close_later, unhighlight],
        }
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

fn trigger_of(target: &Element, root: &Element) -> Option<HtmlElement> {
    let trigger = closest(target, ".digest-cite")?;
    if !root.contains(Some(&trigger)) {
        return None;
    }
    trigger.dyn_into::<HtmlElement>().ok()
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

fn find_by_id(scope: &Element, id: &str) -> Option<Element> {
    if !safe_id(id) {
        return None;
    }
    scope.query_selector(&["#", id].concat()).ok().flatten()
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
    let Some(article) = closest(trigger, "article.digest") else {
        return;
    };
    let Some(tooltip) = find_by_id(&article, &id).and_then(|t| t.dyn_into::<HtmlElement>().ok())
    else {
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
    let _ = tooltip.class_list().add_1("digest-tooltip-open");
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
    let _ = open.tooltip.class_list().remove_1("digest-tooltip-open");
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

fn px(v: f64) -> String {
    // Positions are never negative here (clamped to the margins).
    let mut s = super::html::number(v.round().max(0.0) as usize);
    s.push_str("px");
    s
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
    let style = tooltip.style();
    let _ = style.set_property("left", "0px");
    let _ = style.set_property("top", "0px");
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

    let _ = style.set_property("left", &px(left));
    let _ = style.set_property("top", &px(top));
    let _ = style.set_property(
        "--digest-arrow-x",
        &px((center - left).clamp(12.0, (w - 12.0).max(12.0))),
    );
    let _ = tooltip.set_attribute("data-placement", if on_top { "top" } else { "bottom" });
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

fn highlight_point(state: &State, link: &Element, unhighlight: &js_sys::Function) {
    let Some(id) = link
        .get_attribute("href")
        .and_then(|h| h.strip_prefix('#').map(String::from))
    else {
        return;
    };
    let Some(article) = closest(link, "article.digest") else {
        return;
    };
    let Some(point) = find_by_id(&article, &id).and_then(|p| p.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    if let Some(previous) = state.highlighted.borrow_mut().take() {
        let _ = previous.class_list().remove_1("digest-point-highlight");
    }
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    options.set_behavior(if reduced_motion() {
        web_sys::ScrollBehavior::Instant
    } else {
        web_sys::ScrollBehavior::Smooth
    });
    point.scroll_into_view_with_scroll_into_view_options(&options);
    let _ = point.class_list().add_1("digest-point-highlight");
    // Focusable by script only, so screen readers land on the point too.
    if !point.has_attribute("tabindex") {
        let _ = point.set_attribute("tabindex", "-1");
    }
    let focus = web_sys::FocusOptions::new();
    focus.set_prevent_scroll(true);
    let _ = point.focus_with_options(&focus);
    *state.highlighted.borrow_mut() = Some(point.into());
    set_timer(&state.highlight_timer, unhighlight, HIGHLIGHT_MS);
}
