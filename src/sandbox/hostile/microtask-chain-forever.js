// expect: Error: time limit exceeded
// Each callback queues the next and returns nothing, so nothing is retained: only time ends it.
module.exports = () => { const f = () => { Promise.resolve().then(f); }; f(); return new Promise(() => {}); };
