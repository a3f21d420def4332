// expect: Error: module.exports must be a function
console.log = null; module.exports = null; Object.defineProperty(globalThis, "module", { value: { exports: 5 } });
