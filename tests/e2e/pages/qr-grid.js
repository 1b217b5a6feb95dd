// Draws the enrollment code as a grid of <div> cells (one per module), as some sites' widgets do.
window.drawQrGrid = (container, moduleSize) => {
  const rows = window.enrollModules;
  const side = (rows.length + 8) * moduleSize;
  Object.assign(container.style, {
    display: 'grid',
    gridTemplateColumns: `repeat(${rows.length}, ${moduleSize}px)`,
    width: `${rows.length * moduleSize}px`,
    padding: `${4 * moduleSize}px`,
    background: '#fff',
    boxSizing: 'content-box',
  });
  for (const row of rows) {
    for (const bit of row) {
      const cell = document.createElement('div');
      cell.style.height = `${moduleSize}px`;
      if (bit === '1') cell.style.background = '#111';
      container.append(cell);
    }
  }
  return side;
};
