// `digest-render/render`: render digest text with the render-only module
// (no parseDigest, no models as input, no streaming). The types are the
// package's (digest_render.d.ts).
import type { DigestView as FullDigestView, InitInput, Options, SyncInitInput } from "./digest_render.js";

export type { InitInput, Options, SyncInitInput } from "./digest_render.js";

/**
 * Loads and instantiates the render-only module (in browsers, fetches
 * `render_bg.wasm` beside this file, or what `module_or_path` names).
 * Resolves at once in Node.
 */
export default function init(
    module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<void>;

/** Instantiates the module from its bytes or a compiled module, at once. */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): void;

/** Escaped, semantic HTML for digest text: the markup `render` puts in the page. */
export function renderHtml(text: string, options?: Options | null): string;

/**
 * Renders `text` into `container` (its content is replaced) with working
 * citation tooltips.
 */
export function render(container: Element, text: string, options?: Options | null): DigestView;

/**
 * Attaches the tooltip behaviour to markup `renderHtml` produced (on a
 * server, say) without rebuilding it.
 */
export function hydrate(container: Element, options?: Options | null): DigestView;

/** A rendered digest in the page; it does not stream (`append` needs `digest-render`). */
export type DigestView = Omit<FullDigestView, "append">;
