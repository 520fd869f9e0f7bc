// The Assignment page's task list (ui/owner_board.py): one element of the page whatever the number of tasks.
// Every text comes from Python as data and is set with textContent, never as HTML.
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let board = parentElement.querySelector(".board");
  if (!board) {
    board = document.createElement("div");
    board.className = "board";
    parentElement.appendChild(board);
    board.addEventListener("click", (event) => pick(board, event, setTriggerValue));
    board.addEventListener("keydown", (event) => arrows(board, event));
  }
  const focused = parentElement.activeElement;
  const again = focused && focused.dataset ? [focused.dataset.task, focused.dataset.control, focused.dataset.value] : null;
  board.replaceChildren(...data.groups.map((group) => section(group, data.disabled)));
  if (again) {
    const same = [...board.querySelectorAll("button")].find(
      (b) => b.dataset.task === again[0] && b.dataset.control === again[1] && b.dataset.value === again[2]);
    if (same) same.focus();
  }
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function section(group, disabled) {
  const part = element("section");
  if (group.title !== null) part.appendChild(element("h3", "category", group.title));
  for (const row of group.rows) part.appendChild(taskRow(row, disabled));
  return part;
}

function taskRow(row, disabled) {
  const line = element("div", row.owner.multi ? "row many" : "row"); // many roles: the Accountable goes below
  line.dataset.task = row.id;
  const name = element("div", "name");
  name.appendChild(element("div", "title", row.name));
  name.appendChild(element("div", "meta", row.meta));
  line.appendChild(name);
  const owner = control(row, row.owner, "owner", disabled);
  line.appendChild(owner);
  if (row.accountable) line.appendChild(control(row, row.accountable, "accountable", disabled));
  else owner.classList.add("wide"); // no Accountable to choose: the owner's buttons may use its place
  return line;
}

// One choice: radio buttons (one pick), or toggle buttons when a task may have several doers.
function control(row, spec, name, disabled) {
  const group = element("div", "segmented");
  group.dataset.choice = name;
  group.setAttribute("role", spec.multi ? "group" : "radiogroup");
  group.setAttribute("aria-label", `${spec.label}: ${row.name}`);
  const chosen = spec.options.findIndex((o) => o.on);
  spec.options.forEach((option, k) => {
    const button = element("button", option.on ? "on" : "", option.label);
    button.type = "button";
    button.disabled = disabled;
    button.dataset.task = row.id;
    button.dataset.control = name;
    button.dataset.value = option.value;
    if (spec.multi) {
      button.setAttribute("aria-pressed", String(option.on));
    } else {
      button.setAttribute("role", "radio");
      button.setAttribute("aria-checked", String(option.on));
      button.tabIndex = k === (chosen < 0 ? 0 : chosen) ? 0 : -1; // one tab stop per choice, arrows move in it
    }
    group.appendChild(button);
  });
  return group;
}

function pick(board, event, setTriggerValue) {
  const button = event.target.closest("button");
  if (!button || button.disabled || !board.contains(button)) return;
  const group = button.parentElement;
  const multi = group.getAttribute("role") === "group";
  if (!multi && button.classList.contains("on")) return; // already the choice
  const { task, control, value } = button.dataset;
  if (multi) {
    const on = !button.classList.contains("on");
    const values = [...group.children].filter((b) => (b === button ? on : b.classList.contains("on")))
      .map((b) => b.dataset.value);
    if (!values.length) return; // a task always keeps a doer
    show(button, on);
    setTriggerValue("pick", { task, control, values });
  } else {
    for (const other of group.children) show(other, other === button);
    setTriggerValue("pick", { task, control, values: [value] });
  }
}

// The pick shows at once; the plan's answer redraws the board a moment later.
function show(button, on) {
  button.classList.toggle("on", on);
  if (button.hasAttribute("aria-checked")) button.setAttribute("aria-checked", String(on));
  else button.setAttribute("aria-pressed", String(on));
}

// Arrow keys move along a radio group (and pick, as native radio buttons do).
function arrows(board, event) {
  const button = event.target.closest("button[role='radio']");
  if (!button || !["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"].includes(event.key)) return;
  const buttons = [...button.parentElement.children].filter((b) => !b.disabled);
  const step = event.key === "ArrowLeft" || event.key === "ArrowUp" ? -1 : 1;
  const next = buttons[(buttons.indexOf(button) + step + buttons.length) % buttons.length];
  event.preventDefault();
  next.focus();
  next.click();
}
