// The wasm module's one instance, and every call into it.
//
// A call that fails inside the module itself (a trap from a bug we have not
// found, memory exhaustion, an engine stack overflow) may leave the instance
// half-way through its work, and every later call would fail with it. So
// such a call throws an Error saying the module failed and was restarted,
// and the compiled module is instantiated afresh before anything else runs:
// the next call works, whatever the last one did. Errors about the
// arguments pass through unchanged.
import * as glue from "./glue.js";

/**
 * Above this much linear memory after a call, the instance is replaced by a
 * fresh one: linear memory never shrinks, so one huge digest would keep its
 * memory for the life of the page. Ordinary work stays far below it.
 */
const RELEASE_ABOVE = 64 << 20;

/** The instance's exports, once instantiated. */
let exports;

/**
 * How many instances there have been: state kept inside one (a stream)
 * is gone when this changes.
 */
let instances = 0;

/** Which instance is current (see `instances`). */
export function instance() {
  return instances;
}

/** Loads and instantiates the module (browsers: fetches the .wasm file). */
export function init(input) {
  return glue.default(input).then((made) => {
    exports = made;
    instances++;
  });
}

/** Instantiates the module from its bytes or a compiled module, at once. */
export function initSync(input) {
  exports = glue.initSync(input);
  instances++;
}

/**
 * Runs `call` (which calls into the module) for the public function
 * `caller`; restarts the module if it failed inside.
 * @template T
 * @param {string} caller
 * @param {() => T} call
 * @returns {T}
 */
export function guarded(caller, call) {
  let failed = false;
  try {
    return call();
  } catch (error) {
    if (deliberate(error, caller)) throw error;
    failed = true;
    restart();
    throw new Error(
      `${caller}: the digest-render WebAssembly module failed (${describeFailure(error)}) and was restarted; ` +
        "later calls work again",
      { cause: error },
    );
  } finally {
    if (!failed && exports && exports.memory.buffer.byteLength > RELEASE_ABOVE) restart();
  }
}

/**
 * Errors about the arguments: every TypeError (the module's own, naming the
 * caller, and the engine's for objects JSON cannot carry, such as cycles),
 * and the module's RangeErrors, which name the caller. An engine's stack
 * overflow is a RangeError too, but never starts with the caller's name.
 */
function deliberate(error, caller) {
  return (
    error instanceof TypeError ||
    (error instanceof RangeError && typeof error.message === "string" && error.message.startsWith(caller + ":"))
  );
}

function describeFailure(error) {
  const name = error?.name || "Error";
  return error?.message ? `${name}: ${error.message}` : name;
}

function restart() {
  exports = glue.__wbg_restart();
  instances++;
}

// For npm/test-trap.js; the API imports the glue's functions itself.
export { glue };
