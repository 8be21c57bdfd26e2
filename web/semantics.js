// semantics.js — the DOM mirror of the widget's canvas controls, for screen readers, voice control and axe: one
// invisible element per control, at the control's place over the canvas, with its role, accessible name, value and
// state (the widget sends them as JSON when they change: wasm/state/widget_semantics.h). A screen reader's click on
// an element presses the control in the canvas; its focus moves the widget's keyboard focus there; when the widget's
// own keyboard focus (Tab) moves to a control, the element takes the page's focus so that it is announced.
//
// The elements take no pointer events (the mouse reaches the canvas) and are transparent (the canvas draws the
// control, and its focus ring). Keys pressed on them reach the widget as on the canvas (Emscripten's GLFW listens on
// the window); their own Enter/Space activation is suppressed so a key never acts twice.
//
// window.SlotwiseSemantics.mount(container, { canvas, act(id, kind) }) → { update(json) }; kind 1 activate, 2 focus.
'use strict';
window.SlotwiseSemantics = (function () {
  const ACTIVATE = 1;
  const FOCUS = 2;

  function mount(container, { canvas, act }) {
    const elements = new Map();  // node id → element
    const lists = new Map();     // combo box id → its listbox element
    let focusedId = null;        // the widget's focused node, as last published
    let settingFocus = false;    // our own focus() call: not echoed back to the widget
    let lastKeyAt = -Infinity;

    function tagFor(role) {
      if (role === 'button') return 'button';
      if (role === 'heading') return 'h1';
      return 'div';
    }

    function elementFor(node) {
      let element = elements.get(node.id);
      if (element && element.dataset.role !== node.role) {
        element.remove();
        element = null;
      }
      if (!element) {
        element = document.createElement(tagFor(node.role));
        element.dataset.role = node.role;
        element.dataset.node = String(node.id);
        if (node.role === 'button') element.type = 'button';
        else if (node.role !== 'heading') element.setAttribute('role', node.role);
        if (node.role !== 'heading') element.tabIndex = -1;  // focus follows the widget's (its Tab is the widget's)
        elements.set(node.id, element);
      }
      return element;
    }

    function setFlag(element, name, value) {
      if (value === undefined || value === null) element.removeAttribute(name);
      else element.setAttribute(name, String(value));
    }

    function render(element, node) {
      element.style.left = node.x + 'px';
      element.style.top = node.y + 'px';
      element.style.width = Math.max(node.w, 1) + 'px';
      element.style.height = Math.max(node.h, 1) + 'px';
      switch (node.role) {
        case 'combobox':
          element.setAttribute('aria-label', node.name);
          element.textContent = node.value || '';
          setFlag(element, 'aria-haspopup', 'listbox');
          setFlag(element, 'aria-expanded', node.expanded ? 'true' : 'false');
          setFlag(element, 'aria-controls', node.expanded ? 'slotwise-list-' + node.id : null);
          break;
        case 'textbox':
          element.setAttribute('aria-label', node.name);
          element.textContent = node.value || '';
          setFlag(element, 'aria-multiline', node.multiline ? 'true' : null);
          setFlag(element, 'aria-readonly', node.readonly ? 'true' : null);
          break;
        case 'checkbox':
        case 'radio':
          element.textContent = node.name;
          setFlag(element, 'aria-checked', node.checked ? 'true' : 'false');
          break;
        case 'option':
          element.textContent = node.name;
          setFlag(element, 'aria-selected', node.selected ? 'true' : 'false');
          break;
        case 'button':
          element.textContent = node.name;
          setFlag(element, 'aria-pressed', node.checked === undefined ? null : String(node.checked));
          setFlag(element, 'aria-expanded', node.expanded === undefined ? null : String(node.expanded));
          break;
        default:
          element.textContent = node.name;
      }
      setFlag(element, 'aria-disabled', node.disabled ? 'true' : null);
    }

    function listFor(node) {
      let list = lists.get(node.list);
      if (!list) {
        list = document.createElement('div');
        list.setAttribute('role', 'listbox');
        list.id = 'slotwise-list-' + node.list;
        lists.set(node.list, list);
      }
      return list;
    }

    function update(json) {
      const { nodes } = JSON.parse(json);
      const seen = new Set();
      const seenLists = new Set();
      const order = [];
      let focused = null;
      for (const node of nodes) {
        const element = elementFor(node);
        render(element, node);
        seen.add(node.id);
        if (node.focused) focused = node.id;
        if (node.role === 'option') {
          const list = listFor(node);
          const combo = nodes.find((n) => n.id === node.list);
          if (combo) list.setAttribute('aria-label', combo.name);
          if (!seenLists.has(node.list)) {
            seenLists.add(node.list);
            order.push(list);
          }
          if (element.parentNode !== list) list.appendChild(element);
        } else {
          order.push(element);
        }
      }
      for (const [id, element] of elements) {
        if (!seen.has(id)) {
          element.remove();
          elements.delete(id);
        }
      }
      for (const [id, list] of lists) {
        if (!seenLists.has(id)) {
          list.remove();
          lists.delete(id);
        }
      }
      // Document order follows the drawing order (what a screen reader's browse mode walks through).
      order.forEach((element, index) => {
        if (container.children[index] !== element) container.insertBefore(element, container.children[index] || null);
      });
      const inside = container.contains(document.activeElement);
      if (focused !== focusedId) {
        focusedId = focused;
        if (focused !== null && (document.activeElement === canvas || inside || document.activeElement === document.body)) {
          settingFocus = true;
          elements.get(focused).focus({ preventScroll: true });
          settingFocus = false;
        } else if (focused === null && inside) {
          canvas.focus({ preventScroll: true });  // the grid has the keyboard again
        }
      }
    }

    function nodeOf(target) {
      const element = target && target.closest ? target.closest('[data-node]') : null;
      return element && container.contains(element) ? Number(element.dataset.node) : null;
    }

    // Enter / Space on a mirrored element reach the widget through the window (GLFW): the element's own activation
    // of the same key is not sent again. (Not in a text field: there they type, through the key's keypress.)
    function swallowActivation(event) {
      if ((event.key === 'Enter' || event.key === ' ') && event.target.getAttribute('role') !== 'textbox') {
        lastKeyAt = performance.now();
        event.preventDefault();
      }
    }
    container.addEventListener('keydown', swallowActivation);
    container.addEventListener('keyup', swallowActivation);

    // Tab goes through the widget's controls (the widget moves its focus, and the page's follows); it leaves the
    // widget after the last control, and Shift+Tab leaves it from the grid (the canvas), so the keyboard is never
    // trapped in it. Registered before the widget's own key listener (Emscripten's GLFW, which keeps every Tab).
    const focusable = (element) => element.dataset.role !== 'heading' && element.getAttribute('aria-disabled') !== 'true';
    window.addEventListener('keydown', (event) => {
      if (event.key !== 'Tab' || event.ctrlKey || event.altKey || event.metaKey) return;
      const controls = [...container.querySelectorAll('[data-node]')].filter(focusable);
      const active = document.activeElement;
      const last = controls[controls.length - 1];
      const leave = event.shiftKey ? active === canvas : (last ? active === last : active === canvas);
      if (leave) event.stopImmediatePropagation();  // the browser's own Tab moves the focus out
    }, true);
    container.addEventListener('click', (event) => {
      const id = nodeOf(event.target);
      event.preventDefault();
      if (id === null || performance.now() - lastKeyAt < 200) return;
      act(id, ACTIVATE);
    });
    container.addEventListener('focusin', (event) => {
      const id = nodeOf(event.target);
      if (id === null || settingFocus || id === focusedId) return;
      focusedId = id;
      act(id, FOCUS);
    });
    return { update };
  }

  return { mount };
}());
