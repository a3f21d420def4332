// expect: Error: EvalError.*blocked
module.exports = (apiCaller) => ({ statusSig: apiCaller.constructor("return 1")() === 1 });
