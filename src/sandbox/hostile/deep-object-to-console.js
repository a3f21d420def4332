// expect: Pass
// budget-ms: 15000 (real work: its own limit, not the clock, must end it on a loaded machine)
module.exports = () => { let o = {}; for (let i = 0; i < 1e5; i++) o = { o }; console.log(o); return { statusSig: true }; };
