
// The package's functions (npm/api.js); the types above are generated from
// the Rust model.

/**
 * Loads and instantiates the wasm module (in browsers, fetches
 * `digest_render_bg.wasm` beside this file, or what `module_or_path` names).
 * Resolves at once in Node.
 */
export default function init(
    module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<void>;

/** Instantiates the module from its bytes or a compiled module, at once. */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): void;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;
export type SyncInitInput = BufferSource | WebAssembly.Module;

/** The digest model of `text`. */
export function parseDigest(text: string, options?: Options | null): Digest;

/** Escaped, semantic HTML: the markup `render` puts in the page. */
export function renderHtml(input: DigestInput, options?: Options | null): string;

/**
 * Renders into `container` (its content is replaced) with working citation
 * tooltips.
 */
export function render(container: Element, input: DigestInput, options?: Options | null): DigestView;

/**
 * Attaches the tooltip behaviour to markup `renderHtml` produced (on a
 * server, say) without rebuilding it.
 */
export function hydrate(container: Element, options?: Options | null): DigestView;

/** A rendered digest in the page. */
export class DigestView {
    private constructor();
    /** Where the engine has Symbol.dispose (explicit resource management): `using`. */
    [Symbol.dispose](): void;
    /**
     * Adds `chunk` to the text (streaming); the page catches up at the next
     * animation frame, changing only what the chunk changed: complete points
     * keep their elements (and an open tooltip stays open). The article has
     * `aria-busy="true"` until `finish()`.
     */
    append(chunk: string): void;
    /**
     * Removes the behaviour (listeners, timers, an open tooltip). The markup
     * stays. Calling it again does nothing.
     */
    destroy(): void;
    /**
     * Renders any appended text now; after a stream the page then holds
     * exactly what `render` makes of the whole text, and `aria-busy` goes.
     */
    finish(): void;
    /** Renders `text` in place of the current digest. */
    update(text: string): void;
}
