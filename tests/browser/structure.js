// What DKFDS and issue #9 promise on every page, beyond axe's WCAG rules: one <h1>,
// headings that do not skip a level, tables with header cells, the skip link first,
// the main landmark it points to, and the accessibility statement in the footer.
() => {
  const problems = [];
  const h1s = document.querySelectorAll("h1");
  if (h1s.length !== 1) {
    problems.push(`${h1s.length} <h1> elements, not one`);
  }
  let previous = 0;
  const headings = document.querySelectorAll(
    "main h1, main h2, main h3, main h4, main h5, main h6"
  );
  for (const heading of headings) {
    const level = Number(heading.tagName[1]);
    if (previous && level > previous + 1) {
      const text = heading.innerText.trim().slice(0, 60);
      problems.push(`heading level skipped: h${previous} then h${level} "${text}"`);
    }
    previous = level;
  }
  for (const table of document.querySelectorAll("main table")) {
    if (!table.querySelector("th")) {
      problems.push("a table without header cells");
    }
  }
  const first = document.querySelector("body a[href], body button, body input, body select");
  if (!first || !first.classList.contains("skipnav")) {
    problems.push("the skip link is not the first control");
  }
  if (!document.querySelector("main#main-content")) {
    problems.push("no <main id=main-content>");
  }
  if (!document.querySelector("footer a[href='/tilgaengelighed/']")) {
    problems.push("no link to the accessibility statement in the footer");
  }
  return problems;
}
