// expect: Pass: x{1000}
// budget-ms: 15000 (real work: its own limit, not the clock, must end it on a loaded machine)
module.exports = () => ({ statusSig: true, statusMessage: "x".repeat(5e7) });
