import { render } from 'preact';
import { PasskeyPage } from '../../passkey/PasskeyPage';
import { applyRememberedTheme } from '../popup/App';
import '../popup/style.css';

applyRememberedTheme();
const root = document.getElementById('app');
if (root) render(<PasskeyPage />, root);
