// expect: Pass
// budget-ms: 15000 (real work: its own limit, not the clock, must end it on a loaded machine)
module.exports = () => { console.log("x".repeat(8e6)); return { statusSig: true }; };
