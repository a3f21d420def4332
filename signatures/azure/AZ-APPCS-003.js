// enablePurgeProtection: absent means false (the free SKU has neither soft delete nor purge protection).
module.exports = async function (apiCaller, resource) {
  const data = resource.data || {};
  const p = data.properties || {};
  if (p.enablePurgeProtection === true) return { statusSig: true, statusMessage: "Purge protection is on (soft delete " + (p.softDeleteRetentionInDays || 7) + " days)" };
  const sku = String((data.sku || {}).name || "");
  return { statusSig: false, statusMessage: "Purge protection is off" + (sku.toLowerCase() === "free" ? " (the free SKU does not offer it)" : "") };
};
