// expect: Error: EvalError.*blocked
module.exports = () => ({ statusSig: new Function("return 1")() === 1 });
