(() => {
  // One browser-history entry per change a person makes. Streamlit pushes an entry for every
  // URL rewrite (each query-parameter write, each page switch); the app rewrites the URL
  // itself after a person's change (sync of the context, a page reopened with its
  // parameters), which left several entries per change. The first push after a person's
  // click, key or selection stays a push; every other push replaces the current entry.
  const w = window;
  if (w.__hnparksHistory) return;
  w.__hnparksHistory = true;
  let gesture = false;
  for (const type of ["pointerdown", "keydown", "change"]) {
    w.addEventListener(type, (event) => { if (event.isTrusted) gesture = true; }, true);
  }
  const push = w.history.pushState.bind(w.history);
  const replace = w.history.replaceState.bind(w.history);
  w.history.pushState = (state, title, url) => {
    const byPerson = gesture;
    gesture = false;
    return (byPerson ? push : replace)(state, title, url);
  };
})();
