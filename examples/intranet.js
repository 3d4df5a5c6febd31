// A few lines of page script: react to roster-change (and roster-error) events.
const note = document.getElementById("chat-note");

document.addEventListener("roster-change", (event) => {
  const { counts, changes } = event.detail;
  const arrived = changes.filter((c) => c.to === "active" && c.from !== "active").length;
  note.textContent =
    `${counts.active} colleague${counts.active === 1 ? "" : "s"} active right now` +
    (arrived ? ` (${arrived} just came online)` : "");
});

document.addEventListener("roster-error", (event) => {
  note.textContent = `Chat status unavailable: ${event.detail.cause}`;
});
