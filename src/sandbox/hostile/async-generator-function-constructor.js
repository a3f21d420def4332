// expect: Error: EvalError.*blocked
module.exports = () => ({ statusSig: !!(async function* () {}).constructor("yield 1") });
