'use strict';
// The inbox preview. Every value that comes from an event is put on the page with textContent, never as HTML.

const conversations = new Map(); // conversation id -> { context, events: [] }
const RECENT = 5;
let renderPending = false;

function apply(message) {
  const id = message.key;
  if (message.topic === 'context') {
    if (message.value === null) {
      conversations.delete(id);
    } else {
      entry(id).context = JSON.parse(message.value);
    }
    return;
  }
  if (!conversations.has(id)) {
    return; // a signal or alert of a conversation that has ended, or whose context is not committed yet
  }
  const events = entry(id).events;
  events.push({ topic: message.topic, value: JSON.parse(message.value) });
  if (events.length > RECENT) {
    events.shift();
  }
}

function entry(id) {
  if (!conversations.has(id)) {
    conversations.set(id, { context: null, events: [] });
  }
  return conversations.get(id);
}

/** Rule 11's order: highest priority, then the longest wait, then the oldest conversation. */
function byPriority(a, b) {
  return b.priority - a.priority
    || (a.waiting_since || '~').localeCompare(b.waiting_since || '~')
    || a.conversation_started_at.localeCompare(b.conversation_started_at)
    || a.conversation_id.localeCompare(b.conversation_id);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function time(iso) {
  return iso ? iso.substring(11, 19) : '';
}

function card(context, events) {
  const node = element('section', 'conversation p' + context.priority);
  node.dataset.conversation = context.conversation_id;
  node.dataset.priority = String(context.priority);
  const top = element('div', 'top');
  top.append(element('span', 'buyer', context.buyer_token + ' · shop ' + context.shop_id),
    element('span', 'stage ' + context.stage, context.stage));
  node.append(top);
  node.append(element('div', 'meta', context.conversation_id + ' · since ' + time(context.conversation_started_at)
    + ' · as of ' + time(context.as_of)));
  if (context.waiting_since) {
    const waiting = element('div', 'waiting', 'Waiting for a reply since ' + time(context.waiting_since) + ' ');
    if (context.waiting_at_checkout_alert) {
      waiting.append(element('span', 'alert', 'waiting at checkout'));
    }
    node.append(waiting);
  }
  if (context.cart) {
    node.append(element('h2', null, 'Cart · ' + context.cart.total_price + ' ' + context.cart.currency));
    const items = element('ul', 'cart');
    for (const item of context.cart.line_items) {
      items.append(element('li', 'item', item.title + ' × ' + item.quantity));
    }
    node.append(items);
  }
  if (context.checkout) {
    node.append(element('h2', null, 'Checkout'));
    node.append(element('div', 'checkout', 'Checkout ' + context.checkout.checkout_id + ' · '
      + context.checkout.total_price + ' ' + context.checkout.currency + ' · started ' + time(context.checkout.started_at)));
  }
  if (context.orders.length > 0) {
    node.append(element('h2', null, 'Orders'));
    const orders = element('ul', 'orders');
    for (const order of context.orders.slice().reverse()) {
      orders.append(element('li', 'order', (order.order_number || order.order_id) + ' · ' + order.total_price + ' '
        + order.currency + ' · ' + time(order.completed_at)));
    }
    node.append(orders);
  }
  if (events.length > 0) {
    node.append(element('h2', null, 'Latest'));
    const list = element('ul', 'events');
    for (const event of events.slice().reverse()) {
      const v = event.value;
      const what = event.topic === 'signal'
        ? v.type.replace('_', ' ') + (v.timing === 'pre_conversation' ? ' (before the chat)' : '')
        : 'alert ' + v.status + (v.resolution ? ': ' + v.resolution.replace('_', ' ') : '');
      list.append(element('li', 'event', time(v.occurred_at) + ' ' + what));
    }
    node.append(list);
  }
  return node;
}

function render() {
  renderPending = false;
  const live = [...conversations.values()].filter(c => c.context !== null);
  live.sort((a, b) => byPriority(a.context, b.context));
  document.getElementById('conversations').replaceChildren(...live.map(c => card(c.context, c.events)));
  document.getElementById('status').textContent = live.length + ' live conversation' + (live.length === 1 ? '' : 's');
}

function scheduleRender() {
  if (!renderPending) {
    renderPending = true;
    window.requestAnimationFrame(render);
  }
}

const source = new EventSource('events');
source.onmessage = event => {
  apply(JSON.parse(event.data));
  scheduleRender();
};
source.onerror = () => {
  document.getElementById('status').textContent = 'Reconnecting…';
};
source.onopen = () => {
  conversations.clear(); // the server sends everything it holds again on each connection
  scheduleRender();
};
