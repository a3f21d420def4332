// expect: Error: larger than
// budget-ms: 15000 (real work: its own limit, not the clock, must end it on a loaded machine)
module.exports = async (apiCaller) => { await apiCaller({ params: { X: "z".repeat(5e6) } }); };
