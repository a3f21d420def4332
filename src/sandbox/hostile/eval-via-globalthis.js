// expect: Error: EvalError.*blocked
module.exports = () => ({ statusSig: globalThis["ev" + "al"]("1") === 1 });
