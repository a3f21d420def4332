// expect: Error: more than 1000 calls in flight
// budget-ms: 15000 (real work: its own limit, not the clock, must end it on a loaded machine)
module.exports = (apiCaller) => { for (let i = 0; i < 1e6; i++) apiCaller({ i }); };
