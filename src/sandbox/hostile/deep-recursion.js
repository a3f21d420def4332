// expect: Error: InternalError: too much recursion
function f(n) { return f(n + 1) + 1; }
module.exports = () => ({ statusSig: f(0) > 0 });
