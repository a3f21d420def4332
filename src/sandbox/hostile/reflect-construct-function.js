// expect: Error: EvalError.*blocked
module.exports = () => ({ statusSig: Reflect.construct(Function, ["return 1"])() === 1 });
