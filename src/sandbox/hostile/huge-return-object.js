// expect: Fail
// budget-ms: 15000 (real work: its own limit, not the clock, must end it on a loaded machine)
module.exports = () => ({ statusSig: false, extra: new Array(2e6).fill("padding") });
