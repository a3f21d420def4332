// expect: Error: EvalError.*blocked
module.exports = () => ({ statusSig: (function () {}).constructor("return 1")() === 1 });
