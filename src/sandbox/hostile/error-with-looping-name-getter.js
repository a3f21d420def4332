// expect: Error: Error: boom
module.exports = () => { const e = new Error("boom"); Object.defineProperty(e, "name", { get() { for (;;) {} } }); throw e; };
