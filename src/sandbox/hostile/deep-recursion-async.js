// expect: Error: InternalError: too much recursion
// budget-ms: 15000 (real work: its own limit, not the clock, must end it on a loaded machine)
async function f() { await f(); }
module.exports = async () => { await f(); return { statusSig: true }; };
