// expect: Fail
module.exports = () => ({ statusSig: false, extra: new Array(2e6).fill("padding") });
