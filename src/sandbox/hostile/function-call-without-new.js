// expect: Error: EvalError.*blocked
module.exports = () => ({ statusSig: Function("return this")() !== undefined });
