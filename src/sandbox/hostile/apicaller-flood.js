// expect: Error: more than 1000 calls in flight
module.exports = (apiCaller) => { for (let i = 0; i < 1e6; i++) apiCaller({ i }); };
