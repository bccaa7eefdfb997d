// Apply an explicit theme choice before the first paint (no flash of the wrong theme). A file, not
// an inline script, so the Content-Security-Policy can forbid inline script (script-src 'self').
(() => {
  try {
    const t = localStorage.getItem('tandem.theme');
    if (t === 'light' || t === 'dark') document.documentElement.setAttribute('data-theme', t);
  } catch {}
})();
