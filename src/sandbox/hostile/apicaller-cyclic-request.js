// expect: Error: TypeError: .*cyclic
module.exports = async (apiCaller) => { const r = {}; r.self = r; await apiCaller(r); };
