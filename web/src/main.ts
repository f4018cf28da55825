import { mount } from 'svelte';
import App from './app.svelte';
import './global.css';
import { registerServiceWorker } from './offline/register-service-worker';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

registerServiceWorker();

export default mount(App, { target });
