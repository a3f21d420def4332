// expect: Error: InternalError: too much recursion
// budget-ms: 15000 (real work: its own limit, not the clock, must end it on a loaded machine)
function f(n) { return f(n + 1) + 1; }
module.exports = () => ({ statusSig: f(0) > 0 });
