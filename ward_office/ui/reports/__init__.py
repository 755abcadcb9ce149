"""Reports (Báo cáo): the printed papers, previewed, printed or saved, and the review meeting's contents."""
