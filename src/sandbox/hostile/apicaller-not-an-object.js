// expect: Error: apiCaller expects one request object
module.exports = async (apiCaller) => { await apiCaller("IAM listUsers"); };
