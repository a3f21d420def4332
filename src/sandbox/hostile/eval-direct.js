// expect: Error: EvalError.*blocked
module.exports = () => ({ statusSig: eval("1 + 1") === 2 });
