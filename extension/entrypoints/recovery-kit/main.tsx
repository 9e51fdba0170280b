import { render } from 'preact';
import { KitPage } from '../../recovery/KitPage';
import { applyRememberedTheme } from '../popup/App';
import '../popup/style.css';

applyRememberedTheme();
const root = document.getElementById('app');
if (root) render(<KitPage />, root);
