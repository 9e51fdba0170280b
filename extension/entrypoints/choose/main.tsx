import { render } from 'preact';
import { applyRememberedTheme } from '../popup/App';
import '../popup/style.css';
import { Choose } from './Choose';

applyRememberedTheme();
const root = document.getElementById('app');
if (root) render(<Choose token={location.hash.slice(1)} />, root);
