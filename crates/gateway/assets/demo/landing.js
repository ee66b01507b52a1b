// Landing page: points the console card (and the curl example) at the widget's origin, which
// only the demo server knows (/env.js).
const link = document.getElementById("console-link");
try {
  const { WIDGET_ORIGIN } = await import("/env.js");
  link.href = new URL("/", WIDGET_ORIGIN).href;
  for (const el of document.querySelectorAll(".widget-origin")) el.textContent = WIDGET_ORIGIN;
} catch (err) {
  console.warn("landing: /env.js is unavailable", err);
  link.querySelector(".go").textContent = "The console's address is unavailable";
}
