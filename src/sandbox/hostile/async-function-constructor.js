// expect: Error: EvalError.*blocked
module.exports = async () => ({ statusSig: (await (async function () {}).constructor("return 1")()) === 1 });
