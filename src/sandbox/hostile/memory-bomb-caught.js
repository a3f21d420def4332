// expect: Error: out of memory
// budget-ms: 15000 (filling the memory limit can take seconds on a loaded machine)
// Catching the out-of-memory error must not turn a broken limit into a Pass.
module.exports = () => { try { const a = []; for (;;) a.push(new Array(1e6).fill(2.5)); } catch (e) {} return { statusSig: true }; };
