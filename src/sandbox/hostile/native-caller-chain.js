// expect: Pass
module.exports = (apiCaller) => { let c; try { c = apiCaller.caller; } catch (e) { c = null; } return { statusSig: c === null || c === undefined }; };
