import { render } from 'preact';
import { App, applyRememberedTheme } from './App';
import './style.css';

applyRememberedTheme();
const root = document.getElementById('app');
if (root) render(<App />, root);
