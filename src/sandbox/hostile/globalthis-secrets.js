// expect: Pass: nothing beyond the language
// Looks for anything the host left on the global object: only the language's own
// globals, console, module and exports may be there.
module.exports = () => {
  const language = /^(globalThis|Infinity|NaN|undefined|eval|isFinite|isNaN|parseFloat|parseInt|decodeURI|decodeURIComponent|encodeURI|encodeURIComponent|escape|unescape|console|module|exports|[A-Z][A-Za-z0-9]*)$/;
  const hostOnly = /^(AWS|Deno|Bun|XMLHttpRequest|WebSocket|Worker|SharedArrayBuffer|WebAssembly|Debugger|WeakRef|FinalizationRegistry|Atomics)$/;
  const names = Object.getOwnPropertyNames(globalThis);
  for (const n of ["process", "require", "os", "fs", "fetch", "credentials", "secrets", "AWS", "WebAssembly"]) if (n in globalThis) names.push(n);
  const odd = names.filter((n) => !language.test(n) || hostOnly.test(n));
  return { statusSig: odd.length === 0, statusMessage: odd.length ? "found: " + odd.join(",") : "nothing beyond the language" };
};
