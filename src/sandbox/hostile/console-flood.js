// expect: Pass
// budget-ms: 15000 (real work: its own limit, not the clock, must end it on a loaded machine)
module.exports = () => { for (let i = 0; i < 2e6; i++) console.log("spam", i); return { statusSig: true }; };
