// expect: Error: EvalError.*blocked
module.exports = () => ({ statusSig: (0, eval)("this") !== undefined });
