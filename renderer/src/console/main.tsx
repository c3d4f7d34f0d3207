import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './ConsoleApp';
import './console.css';

// No service worker here: the console works only online, against HQ, and must never be
// kept as (or mixed with) the desk's offline shell.
const root = document.getElementById('root');
if (root === null) throw new Error('console.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ConsoleApp />
  </StrictMode>,
);
