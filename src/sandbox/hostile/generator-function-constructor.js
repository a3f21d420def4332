// expect: Error: EvalError.*blocked
module.exports = () => ({ statusSig: !!(function* () {}).constructor("yield 1")().next() });
