// expect: Error: larger than
module.exports = async (apiCaller) => { await apiCaller({ params: { X: "z".repeat(5e6) } }); };
